-- Large event payloads (a part of a scoring file: thousands of results, a few hundred KiB) are compressed with LZ4
-- rather than PostgreSQL's default pglz: about as small, and its compression is nearly free where pglz's took a few
-- milliseconds of the importing transaction per part. Applies to values written from now on; small payloads (most
-- events) are stored uncompressed either way.
ALTER TABLE domainevententry ALTER COLUMN payload SET COMPRESSION lz4;
ALTER TABLE snapshotevententry ALTER COLUMN payload SET COMPRESSION lz4;
