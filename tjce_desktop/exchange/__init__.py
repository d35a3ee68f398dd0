"""Files in and out: Excel templates, imports, exports, error reports. No Qt here."""
