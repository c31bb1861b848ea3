"""Pages of the language desk: the desk itself, subtitles and their QC, glossary, dubbing."""
