"""Business logic between the routes and the repositories. Services flush; the request scope commits."""
