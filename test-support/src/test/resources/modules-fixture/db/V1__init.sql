create table alpha_item (id bigint primary key);
create table beta_item (id bigint primary key, x int);
create table old_item (id bigint);
