"""Building and querying the NRW municipality directory."""
