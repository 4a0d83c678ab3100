"""The HTTP service: `POST /v1/briefs` turns a bundle of articles into a cited brief."""
