"""The site: the pages of content/ planned and rendered, charts and maps, exports, and MkDocs' side."""
