# scheduler messages
