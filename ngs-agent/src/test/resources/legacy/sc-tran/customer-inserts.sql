-- What a site's code already runs against the LG U+ agent (the manual's sending examples: SMS into SC_TRAN with
-- TR_SENDSTAT '0' and TR_MSGTYPE '0', LMS/MMS into MMS_MSG with STATUS '0' and TYPE '0', MMS with FILE_CNT and
-- FILE_PATH1 holding the image's full path). The same text runs on H2, PostgreSQL and MariaDB: NOW() exists in all
-- three. ${image} is replaced by the test with the path of a JPEG it writes. Recipients are the gateway's test
-- numbers (ngs-gateway TestNumbers): ...011 delivered (SK), ...012 delivered (KT), ...001 no such subscriber,
-- ...002 handset off.

INSERT INTO SC_TRAN (TR_SENDDATE, TR_SENDSTAT, TR_MSGTYPE, TR_PHONE, TR_CALLBACK, TR_MSG, SITE_REQ_ID)
VALUES (NOW(), '0', '0', '01000000011', '0212345678', '[테스트] 주문하신 상품이 발송되었습니다.', 'req-sms-1');

INSERT INTO SC_TRAN (TR_SENDDATE, TR_SENDSTAT, TR_MSGTYPE, TR_PHONE, TR_CALLBACK, TR_MSG, TR_ETC1)
VALUES (NOW(), '0', '0', '01000000001', '0212345678', '결번으로 가는 문자', 'etc-kept');

INSERT INTO MMS_MSG (SUBJECT, PHONE, CALLBACK, STATUS, REQDATE, MSG, TYPE)
VALUES ('장문 제목', '01000000012', '0212345678', '0', NOW(), '장문 본문입니다. 90바이트를 넘는 긴 안내문이 LMS로 나갑니다. 고객님의 예약이 확정되었습니다. 감사합니다.', '0');

INSERT INTO MMS_MSG (SUBJECT, PHONE, CALLBACK, STATUS, REQDATE, MSG, FILE_CNT, FILE_PATH1, TYPE)
VALUES ('사진 제목', '01000000013', '0212345678', '0', NOW(), '사진이 있는 메시지', 1, '${image}', '0');

INSERT INTO MMS_MSG (SUBJECT, PHONE, CALLBACK, STATUS, REQDATE, MSG, TYPE)
VALUES ('꺼진 단말', '01000000002', '0212345678', '0', NOW(), '전원이 꺼진 단말기로 가는 장문', '0');
