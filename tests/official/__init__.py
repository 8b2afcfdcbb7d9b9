"""BLS OEWS official wages (careers/official/): reading the file, importing it, its
admin and the pages that show the figures."""
