create table alpha_item (id bigint primary key, name text);
create table beta_item (id bigint primary key, alpha_id bigint);
-- alpha publishes a read-only view of its own table
create view alpha_item_published as
    select id, name from alpha_item;
-- beta's view reads alpha's table: a published view may not smuggle another package's table
create or replace view beta_item_published as
    select b.id, a.name from beta_item b join alpha_item a on a.id = b.alpha_id;
create view old_view as select 1 as one;
drop view old_view;
