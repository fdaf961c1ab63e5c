"""支部台账 (BranchBook): records for a community Party branch."""

__version__ = "0.1.0"
APP_NAME = "支部台账"
APP_ID = "BranchBook"
