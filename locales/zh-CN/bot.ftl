# bot messages
