# telegram adapter messages
# The command menu (setMyCommands), until the engine lists its own commands.
telegram-command-start = Start and bind your invite code
telegram-command-help = What I can do for you
telegram-command-report = Report an enterprise's problem
telegram-command-my = Open cases of my enterprises
telegram-command-todo = My department's queue
telegram-command-case = Show a case by its number
telegram-command-overdue = Overdue cases
telegram-command-summary = This week's summary
telegram-command-lang = Switch language
telegram-command-cancel = Cancel what I am doing
