"""Forms compiled from ../../../ui/*.ui by ``python -m tjce_desktop.gui.forms.compile``.

Generated code: never edit these modules by hand; edit the .ui file and compile again.
"""
