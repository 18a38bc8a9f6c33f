# bot messages
bot-stranger = Hello! This is the county help-enterprises campaign bot, for invited people only. If you have an invite code, send /start CODE to bind your account.
bot-unknown-input = Sorry, I did not understand that. Send /help to see what you can do.
