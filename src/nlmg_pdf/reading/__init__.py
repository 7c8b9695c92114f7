"""Readers: turn the files in content/ and styles/ into the document model."""
