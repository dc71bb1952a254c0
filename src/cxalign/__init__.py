"""cxalign: customer-experience maturity and leadership alignment workshops."""

__version__ = "0.1.0"
