"""aptui: run a vocational high school's accompagnement personnalisé from YAML files in git."""

__version__ = "0.1.0"
# Version of the file format and of the JSON Schemas copied into school repositories.
FORMAT_VERSION = "1"
