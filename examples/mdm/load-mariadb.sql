-- The civil-status database of old province 17 (Hòa Bình) as a legacy MariaDB table.
-- mariadb --local-infile=1 -h 127.0.0.1 -u root test < examples/mdm/load-mariadb.sql   (from the repository root)
DROP TABLE IF EXISTS ho_tich_17;
CREATE TABLE ho_tich_17 (
  id varchar(20) PRIMARY KEY, ho_ten varchar(200), ngay_sinh varchar(20), gioi_tinh varchar(10), so_cccd varchar(20),
  so_cmnd varchar(20), dien_thoai varchar(30), dia_chi_thuong_tru varchar(300), tinh_trang_hon_nhan varchar(50)
) CHARACTER SET utf8mb4;
LOAD DATA LOCAL INFILE 'examples/mdm/ho-tich-17.csv' INTO TABLE ho_tich_17 CHARACTER SET utf8mb4
  FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' LINES TERMINATED BY '\n' IGNORE 1 LINES;
