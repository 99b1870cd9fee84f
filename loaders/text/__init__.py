"""Clean-up of policy document text: decoding, normalisation, boilerplate and line repair.

Each step is a pure function in its own module (``decode``, ``width``,
``pinyin``, ``boilerplate``, ``linebreaks``, ``script``); ``pipeline.clean_document``
runs them in order. Import from the modules: the package itself stays empty so
that ``loaders.docnumber`` and the steps can use each other without cycles.
"""
