"""Sphinx configuration of the skbass documentation."""

project = "skbass"
author = "skbass developers"
copyright = "2026, skbass developers"

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "numpydoc",
    "sphinx_gallery.gen_gallery",
]
autosummary_generate = True
numpydoc_show_class_members = False
html_theme = "pydata_sphinx_theme"
sphinx_gallery_conf = {
    "examples_dirs": "../examples",
    "gallery_dirs": "auto_examples",
    "filename_pattern": r"/plot_",
}
exclude_patterns = ["_build", "auto_examples/*.ipynb"]
