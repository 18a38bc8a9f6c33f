# telegram adapter messages
# The command menu (setMyCommands), until the engine lists its own commands.
telegram-command-start = 开始使用，绑定邀请码
telegram-command-help = 查看我能做什么
telegram-command-report = 反映企业问题
telegram-command-my = 我联系企业的在办事项
telegram-command-todo = 本部门待办事项
telegram-command-case = 按编号查看事项
telegram-command-overdue = 超期事项
telegram-command-summary = 本周汇总
telegram-command-lang = 切换语言
telegram-command-cancel = 取消当前操作
