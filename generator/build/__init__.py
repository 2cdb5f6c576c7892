"""The build: seeds read and checked, the extraction cache, what a build keeps for the next, and safe writes."""
