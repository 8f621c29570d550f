"""The site's own Sphinx extensions: one concern per module, each filling one upstream gap.

``docs/conf.py`` lists them in ``extensions`` like any other extension:

- :mod:`_ext.execution_cache`: re-execute the pages when the code they import changes;
- :mod:`_ext.notebook_download`: offer each executed page as a notebook;
- :mod:`_ext.unique_ids`: keep every HTML id once under furo's wrappers;
- :mod:`_ext.viewcode_source`: give viewcode our modules' source without importing them.

Each module's docstring says which gap it fills and links the upstream issue; when the
gap closes upstream, the module goes.
"""
