"""`timeline fetch`: polite HTTP, feeds and sitemaps, news pages to text and metadata."""
