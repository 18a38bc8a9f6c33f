# reports messages
