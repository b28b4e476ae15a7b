"""巡察工作台 (Inspection Workbench)."""

__version__ = "0.1.0"
APP_NAME = "xuncha"
