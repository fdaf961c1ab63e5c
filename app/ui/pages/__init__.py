"""One page per section of the left navigation."""
