"""The generated pages, a module a family: chronology, places, figures, sources, the home
page and the data files; ``generator.site.assemble`` plans them all."""
