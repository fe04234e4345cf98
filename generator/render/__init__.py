"""Render: from the site data to every page and data file of the site.

First a plan (``plan``): every output, with the writer that makes it. Then the writers
(one module per kind of page or file) write, in any order and in any process
(``site.render_site``). Generated Markdown depends on no engine plugin, so the same
pages build with MkDocs, ProperDocs or Zensical. Anything a resident reads comes from a
Jinja2 template in ``generator/templates/``.
"""
