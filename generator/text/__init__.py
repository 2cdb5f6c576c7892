"""Text extraction: an article's sentences, and the dates, places, figures and actors in each."""
