drop table if exists old_item;
