/**
 * More queries over the TPC-H tables, checked against the reference engine like the 22 (see
 * test/e2e/tpch.test.ts): windows, set operations, outer joins, CTEs, subqueries, DISTINCT,
 * LIMIT / OFFSET and statistical aggregates — the SQL surface TPC-H itself does not reach.
 * Written so both engines must agree: every ORDER BY that fixes row order ends in a unique key,
 * and where nulls can be sorted the NULLS FIRST / LAST is spelled out (the engines' defaults differ).
 */
import type { TpchQuery } from "./queries.js";

const q = (id: number, totalOrder: boolean, sql: string): TpchQuery => ({ id, totalOrder, sql });

export const EXTRA_QUERIES: readonly TpchQuery[] = [
  // Top three customers by balance in each nation (rank over a partition, filtered outside).
  q(101, true, `
select n_name, c_custkey, c_acctbal, r
from (select c_nationkey, c_custkey, c_acctbal, rank() over (partition by c_nationkey order by c_acctbal desc, c_custkey) as r
      from customer) t join nation on n_nationkey = c_nationkey
where r <= 3
order by n_name, r`),
  // Running total and order count per customer (ROWS frame), a few customers.
  q(102, true, `
select o_custkey, o_orderkey, o_orderdate,
  sum(o_totalprice) over (partition by o_custkey order by o_orderdate, o_orderkey rows between unbounded preceding and current row) as running,
  count(*) over (partition by o_custkey) as n
from orders where o_custkey < 40
order by o_custkey, o_orderdate, o_orderkey`),
  // lag / lead of the order date per customer; nulls at the edges.
  q(103, true, `
select o_custkey, o_orderkey, lag(o_orderdate) over (partition by o_custkey order by o_orderdate, o_orderkey) as prev,
  lead(o_totalprice, 2) over (partition by o_custkey order by o_orderdate, o_orderkey) as next2
from orders where o_custkey between 100 and 130
order by o_custkey, o_orderkey`),
  // dense_rank, row_number and ntile over the whole table.
  q(104, true, `
select p_partkey, p_size, dense_rank() over (order by p_size) as dr, row_number() over (order by p_retailprice desc, p_partkey) as rn,
  ntile(4) over (order by p_partkey) as quartile
from part where p_partkey % 37 = 1
order by p_partkey`),
  // A moving average over a sliding ROWS frame.
  q(105, true, `
select l_orderkey, l_linenumber, avg(l_quantity) over (order by l_orderkey, l_linenumber rows between 2 preceding and 2 following) as mavg
from lineitem where l_orderkey < 400
order by l_orderkey, l_linenumber`),
  // UNION ALL, UNION, INTERSECT and EXCEPT over nation keys.
  q(106, true, `
select 'union' as op, count(*) as n from (select c_nationkey from customer union select s_nationkey from supplier) u
union all
select 'union all', count(*) from (select c_nationkey from customer where c_acctbal > 9000 union all select s_nationkey from supplier) ua
union all
select 'intersect', count(*) from (select c_nationkey from customer where c_mktsegment = 'BUILDING' intersect select s_nationkey from supplier where s_acctbal > 5000) i
union all
select 'except', count(*) from (select n_nationkey from nation except select s_nationkey from supplier where s_acctbal > 8000) e
order by op`),
  // EXCEPT ALL and INTERSECT ALL keep duplicates.
  q(107, false, `
select c_nationkey as k from customer where c_acctbal > 8000
except all
select s_nationkey from supplier`),
  q(108, false, `
select c_nationkey as k from customer where c_mktsegment = 'MACHINERY'
intersect all
select s_nationkey from supplier`),
  // LEFT JOIN: suppliers with their 1996 line count, zero for none (count of a nullable column).
  q(109, true, `
select s_suppkey, count(l_orderkey) as lines, sum(l_quantity) as qty
from supplier left join lineitem on l_suppkey = s_suppkey and l_shipdate >= date '1996-01-01' and l_shipdate < date '1996-02-01'
group by s_suppkey
order by s_suppkey`),
  // FULL OUTER JOIN of two aggregates with coalesce.
  q(110, true, `
select coalesce(c.k, s.k) as k, c.n as customers, s.n as suppliers
from (select c_nationkey as k, count(*) as n from customer where c_acctbal < 0 group by c_nationkey) c
full outer join (select s_nationkey as k, count(*) as n from supplier where s_acctbal > 7000 group by s_nationkey) s on c.k = s.k
order by k`),
  // A CTE used twice.
  q(111, true, `
with seg as (select c_mktsegment as m, count(*) as n, avg(c_acctbal) as bal from customer group by c_mktsegment)
select a.m, a.n, a.bal, (select max(n) from seg) as most
from seg a where a.bal > (select avg(bal) from seg) - 100
order by a.m`),
  // HAVING with count(distinct) and a filtered aggregate.
  q(112, true, `
select o_orderpriority, count(distinct o_custkey) as custs, count(*) filter (where o_orderstatus = 'F') as finished
from orders group by o_orderpriority having count(distinct o_custkey) > 100
order by o_orderpriority`),
  // NOT IN and IN subqueries, and NOT EXISTS correlated.
  q(113, false, `
select c_custkey, c_mktsegment from customer
where c_custkey not in (select o_custkey from orders where o_orderdate >= date '1993-01-01')
  and c_nationkey in (select n_nationkey from nation where n_regionkey = 1)
`),
  q(114, true, `
select count(*) as parts from part p
where not exists (select * from lineitem where l_partkey = p.p_partkey and l_shipmode = 'AIR')`),
  // A correlated scalar subquery in the select list.
  q(115, true, `
select o_orderkey, o_totalprice, (select max(l_quantity) from lineitem where l_orderkey = o_orderkey) as maxq,
  (select count(*) from lineitem where l_orderkey = o_orderkey and l_returnflag = 'R') as returned
from orders where o_orderkey < 300
order by o_orderkey`),
  // DISTINCT over several columns, ORDER BY … LIMIT … OFFSET.
  q(116, true, `
select distinct l_returnflag, l_linestatus, l_shipmode from lineitem
order by l_shipmode, l_returnflag, l_linestatus limit 10 offset 3`),
  // min / max of dates and strings, and statistical aggregates.
  q(117, true, `
select l_shipmode, min(l_shipdate) as first_ship, max(l_receiptdate) as last_receipt, min(l_shipinstruct) as mi,
  stddev_samp(l_quantity) as sd, var_pop(l_extendedprice) as vp, corr(l_quantity, l_extendedprice) as c
from lineitem group by l_shipmode
order by l_shipmode`),
  // CASE buckets, integer arithmetic and CAST.
  q(118, true, `
select case when o_totalprice < 50000 then 'small' when o_totalprice < 150000 then 'medium' else 'large' end as size,
  cast(o_orderkey % 4 as string) as bucket, count(*) as n, sum(o_shippriority + 1) as s
from orders
group by case when o_totalprice < 50000 then 'small' when o_totalprice < 150000 then 'medium' else 'large' end, cast(o_orderkey % 4 as string)
order by size, bucket`),
  // LIKE, ILIKE and string functions.
  q(119, true, `
select upper(p_mfgr) as m, lower(p_brand) as b, length(p_name) as len, concat(p_brand, '/', p_container) as bc
from part where p_name ilike '%GREEN%' and p_type like 'PROMO%' and p_partkey < 600
order by p_partkey`),
  // An aggregate over an aggregate (subquery in FROM), and avg of integers.
  q(120, true, `
select nlines, count(*) as orders, avg(total) as avg_total
from (select l_orderkey, count(*) as nlines, sum(l_quantity) as total from lineitem group by l_orderkey) t
group by nlines
order by nlines`),
  // A self join with a non-equi condition.
  q(121, false, `
select a.n_name as a, b.n_name as b
from nation a join nation b on a.n_regionkey = b.n_regionkey and a.n_nationkey < b.n_nationkey
where a.n_regionkey = 3`),
  // NULLs from an outer join, sorted both ways explicitly.
  q(122, true, `
select n_name, max(s_acctbal) as best
from nation left join supplier on s_nationkey = n_nationkey and s_acctbal > 9000
group by n_name
order by best desc nulls last, n_name`),
  q(123, true, `
select n_name, min(c_acctbal) as worst
from nation left join customer on c_nationkey = n_nationkey and c_acctbal < -990
group by n_name
order by worst asc nulls first, n_name`),
  // BETWEEN on dates, IN lists, IS NULL on a join result.
  q(124, true, `
select count(*) as n, sum(case when p.p_partkey is null then 1 else 0 end) as unmatched
from lineitem left join (select p_partkey from part where p_size in (1, 2, 3)) p on l_partkey = p.p_partkey
where l_shipdate between date '1997-03-01' and date '1997-03-31'`),
  // count_if and any aggregate over a grouped join of four tables.
  q(125, true, `
select r_name, count_if(o_orderpriority = '1-URGENT') as urgent, count(*) as n, sum(o_totalprice) as total
from orders join customer on o_custkey = c_custkey join nation on c_nationkey = n_nationkey join region on n_regionkey = r_regionkey
group by r_name
order by r_name`),
  // Window over an aggregate: share of each nation in its region.
  q(126, true, `
select r_name, n_name, revenue, revenue / sum(revenue) over (partition by r_name) as share
from (select r_name, n_name, sum(o_totalprice) as revenue
      from orders join customer on o_custkey = c_custkey join nation on c_nationkey = n_nationkey join region on n_regionkey = r_regionkey
      where o_orderdate < date '1994-01-01'
      group by r_name, n_name) t
order by r_name, n_name`),
  // percent_rank and cume_dist.
  q(127, true, `
select s_suppkey, percent_rank() over (order by s_acctbal) as pr, cume_dist() over (order by s_nationkey) as cd
from supplier
order by s_suppkey`),
  // first_value / last_value over a whole-partition frame.
  q(128, true, `
select distinct c_mktsegment,
  first_value(c_custkey) over (partition by c_mktsegment order by c_acctbal, c_custkey rows between unbounded preceding and unbounded following) as poorest,
  last_value(c_custkey) over (partition by c_mktsegment order by c_acctbal, c_custkey rows between unbounded preceding and unbounded following) as richest
from customer
order by c_mktsegment`),
];
