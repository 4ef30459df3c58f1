"""Party-affairs disclosure publisher (党务公开): domain core, MkDocs plugins and CLI."""
