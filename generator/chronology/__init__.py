"""The chronology: entries made from the articles' dated sentences, merged per happening, and the site in parts."""
