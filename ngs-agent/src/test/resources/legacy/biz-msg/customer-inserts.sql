-- What a site's code already runs against bizclient, in the manual's form (BizMsg/bizclient: reference/undefined/sms.md,
-- mms-lms.md, dispatch/kakao-biz.md): MSG_TYPE 0 SMS, 5 LMS (no ATTACHED_FILE) or MMS (ATTACHED_FILE = file name in
-- the spool directory), 6 AlimTalk with TEMPLATE_CODE, SENDER_KEY, NATION_CODE 82 and optionally RE_TYPE/RE_BODY for
-- the fallback. NOW() runs on H2, PostgreSQL and MariaDB alike. ${senderKey}, ${template} and ${image} are replaced by
-- the test. Recipients are the gateway's test numbers (ngs-gateway TestNumbers): ...011/012/013 delivered,
-- ...001 no such subscriber, 0100007xxxx Kakao fails with error xxxx (then falls back when asked to).

INSERT INTO biz_msg (MSG_TYPE, CMID, REQUEST_TIME, SEND_TIME, DEST_PHONE, SEND_PHONE, MSG_BODY)
VALUES (0, 'sms-ok', NOW(), NOW(), '01000000011', '0212341234', '본 메시지는 SMS 테스트 메시지 입니다.');

INSERT INTO biz_msg (MSG_TYPE, CMID, REQUEST_TIME, SEND_TIME, DEST_PHONE, SEND_PHONE, MSG_BODY)
VALUES (0, 'sms-unknown', NOW(), NOW(), '01000000001', '0212341234', '결번으로 가는 SMS 입니다.');

INSERT INTO biz_msg (MSG_TYPE, CMID, REQUEST_TIME, SEND_TIME, DEST_PHONE, SEND_PHONE, SUBJECT, MSG_BODY)
VALUES (5, 'lms-ok', NOW(), NOW(), '01000000012', '0212341234', 'LMS 제목', '본 메시지는 LMS 테스트 메시지 입니다. 장문은 90바이트를 넘어도 한 건으로 갑니다.');

INSERT INTO biz_msg (MSG_TYPE, CMID, REQUEST_TIME, SEND_TIME, DEST_PHONE, SEND_PHONE, SUBJECT, MSG_BODY, ATTACHED_FILE)
VALUES (5, 'mms-ok', NOW(), NOW(), '01000000013', '0212341234', 'MMS 제목', '본 메시지는 MMS 테스트 메시지 입니다.', '${image}');

INSERT INTO biz_msg (MSG_TYPE, CMID, REQUEST_TIME, SEND_TIME, DEST_PHONE, SEND_PHONE, MSG_BODY, TEMPLATE_CODE, SENDER_KEY, NATION_CODE)
VALUES (6, 'at-ok', NOW(), NOW(), '01000000011', '0212341234', '홍길동 고객님 프로모션에 당첨 되었습니다.', '${template}', '${senderKey}', '82');

INSERT INTO biz_msg (MSG_TYPE, CMID, REQUEST_TIME, SEND_TIME, DEST_PHONE, SEND_PHONE, MSG_BODY, TEMPLATE_CODE, SENDER_KEY, NATION_CODE, RE_TYPE, RE_BODY)
VALUES (6, 'at-fallback', NOW(), NOW(), '01000073018', '0212341234', '홍길동 고객님 프로모션에 당첨 되었습니다.', '${template}', '${senderKey}', 82, 'SMS', '[테스트] 응모하신 프로모션에 당첨되셨습니다.');

INSERT INTO biz_msg (MSG_TYPE, CMID, REQUEST_TIME, SEND_TIME, DEST_PHONE, SEND_PHONE, MSG_BODY, TEMPLATE_CODE, SENDER_KEY, NATION_CODE)
VALUES (6, 'at-nofallback', NOW(), NOW(), '01000073018', '0212341234', '홍길동 고객님 프로모션에 당첨 되었습니다.', '${template}', '${senderKey}', '82');
