"""What the finder in the browser reads: the listings as small records in geo-shards, and each
shard's lunr index."""
