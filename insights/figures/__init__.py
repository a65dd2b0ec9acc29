"""The figures of the insights pages, one module per family; page.py puts together
everything /insights/ shows, and insights/charts.py draws them."""
