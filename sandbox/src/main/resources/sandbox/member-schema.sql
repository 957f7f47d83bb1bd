-- The member database schema of CONTRACT.md, as Supabase holds it.
create table regions    (id integer primary key, code text not null, name text);
create table facilities (id integer primary key, code text not null, name text, region_id integer references regions(id));
create table member_types (id integer primary key, name text not null);
create table members (
  membernumber integer primary key,
  firstname text, lastname text, email text, phone text,
  status text not null,
  membertypeid integer references member_types(id),
  region_id integer references regions(id),
  facility_id integer references facilities(id));
create table positions (
  membernumber integer not null references members(membernumber),
  positiontype text not null,
  start_date date, end_date date);
