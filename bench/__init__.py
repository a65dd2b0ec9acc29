"""A benchmark of Onward's pages at 10,000 applications: `make bench`."""
