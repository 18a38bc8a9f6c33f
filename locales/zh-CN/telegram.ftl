# telegram adapter messages
