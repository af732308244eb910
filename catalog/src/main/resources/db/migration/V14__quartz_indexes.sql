-- Quartz's trigger rows are written three times per fire (acquired, fired, next fire time), and every
-- write of a state or a fire time updates each index that holds one. Kept are the indexes the
-- scheduler reads by: a job's triggers (T_J), due triggers by state and fire time (NFT_ST, for
-- acquiring), misfired ones (NFT_ST_MISFIRE), and fired triggers by instance and by trigger. The
-- others serve lookups by group, calendar or state alone, which the server never makes at a rate
-- (a table scan of them is cheap): a write of a trigger row updated 13 indexes, now 4.
DROP INDEX IF EXISTS IDX_QRTZ_T_JG;
DROP INDEX IF EXISTS IDX_QRTZ_T_C;
DROP INDEX IF EXISTS IDX_QRTZ_T_G;
DROP INDEX IF EXISTS IDX_QRTZ_T_STATE;
DROP INDEX IF EXISTS IDX_QRTZ_T_N_STATE;
DROP INDEX IF EXISTS IDX_QRTZ_T_N_G_STATE;
DROP INDEX IF EXISTS IDX_QRTZ_T_NEXT_FIRE_TIME;
DROP INDEX IF EXISTS IDX_QRTZ_T_NFT_MISFIRE;
DROP INDEX IF EXISTS IDX_QRTZ_T_NFT_ST_MISFIRE_GRP;
DROP INDEX IF EXISTS IDX_QRTZ_FT_INST_JOB_REQ_RCVRY;
DROP INDEX IF EXISTS IDX_QRTZ_FT_J_G;
DROP INDEX IF EXISTS IDX_QRTZ_FT_JG;
DROP INDEX IF EXISTS IDX_QRTZ_FT_TG;
