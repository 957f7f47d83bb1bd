-- The legacy MyNATCA MySQL table the webhook falls back to (read only, by email).
create table members (
  membernumber int primary key,
  firstname varchar(100), lastname varchar(100), email varchar(255), phone varchar(50),
  status varchar(30) not null,
  membertypeid int);
