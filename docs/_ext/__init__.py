"""The site's own Sphinx extensions: one concern per module, each filling one upstream gap.

``docs/conf.py`` lists them in ``extensions`` like any other extension:

- :mod:`_ext.execution_cache`: re-execute the pages when the code they import changes;
- :mod:`_ext.doctree_owner`: keep the build environment out of the pickled doctrees;
- :mod:`_ext.notebook_download`: offer each executed page as a notebook;
- :mod:`_ext.unique_ids`: keep every HTML id once under furo's wrappers;

Each module's docstring says which gap it fills and links the upstream issue; when the
gap closes upstream, the module goes.

There is no module for viewcode: it finds each module's source by importing the module,
which used to mean deriving every result with SymPy; ``derivations.REGISTRY`` now derives
a result only when asked, so the import costs little more than SymPy's own, and viewcode
keeps skipping the source pages of modules that did not change. (A
``viewcode-find-source`` handler would avoid the import, but then viewcode rewrites and
highlights every source page on every build, which costs more.)
"""
