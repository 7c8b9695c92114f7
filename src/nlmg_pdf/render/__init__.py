"""The PDF writer: model -> platypus flowables -> PDF bytes. It reads no content files.

`document.render_pdf` makes one `session.LayoutSession` per layout pass and hands it to
the document template and the canvas; flowables reach it through `session.session_of`.
Every use of reportlab beyond its documented API is in `reportlab_compat`.
"""
