"""The reportlab renderer: model -> platypus flowables -> PDF bytes. It reads no content files."""
