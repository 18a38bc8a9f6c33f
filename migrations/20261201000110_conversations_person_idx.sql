-- `/people` shows when each person last used the bot: their chats' latest update, found by person.
create index conversations_person_idx on conversations (person_id, updated_at);
