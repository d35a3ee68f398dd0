"""TJCE Desktop — administrator's client of 天津市专业技术人员继续教育网."""

__version__ = "0.1.0"
APP_NAME = "TJCE Desktop"
APP_TITLE = "天津市专业技术人员继续教育 · 管理端"
