"""Familiennavi offers API: the NRW municipality directory and the local offers of the prevention chains."""
