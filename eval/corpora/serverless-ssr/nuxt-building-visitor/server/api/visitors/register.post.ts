import { defineEventHandler, readBody, createError } from 'h3';
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { db, logger, maskDocument, type IdType } from '../../utils/clients';

interface VisitorRegistration {
  name: string;
  mobile: string;
  company?: string;
  idType: IdType;
  idNumber: string;
  plateNo?: string;
  hostEmployeeNo: string;
  visitDate: string;
  purpose: string;
}

const ID_TYPES: IdType[] = ['ID_CARD', 'PASSPORT', 'HK_MO_PERMIT', 'TW_PERMIT'];

export default defineEventHandler(async (event) => {
  const body = await readBody<VisitorRegistration>(event);
  if (!body?.name || !body.idNumber || !ID_TYPES.includes(body.idType) || !/^\d{4}-\d{2}-\d{2}$/.test(body.visitDate)) {
    throw createError({ statusCode: 400, statusMessage: 'missing or invalid visitor fields' });
  }

  console.info('[visitor] registration received', body);

  const [hosts] = await db.execute<RowDataPacket[]>(
    'SELECT employee_no, floor FROM employees WHERE employee_no = ? AND active = 1',
    [body.hostEmployeeNo],
  );
  if (hosts.length === 0) {
    throw createError({ statusCode: 404, statusMessage: 'host not found' });
  }

  const [visitor] = await db.execute<ResultSetHeader>(
    'INSERT INTO visitors (name, mobile, company, id_type, id_number) VALUES (?, ?, ?, ?, ?)',
    [body.name, body.mobile, body.company ?? null, body.idType, body.idNumber],
  );
  const visitNo = `V${body.visitDate.replaceAll('-', '')}${String(visitor.insertId).padStart(6, '0')}`;
  await db.execute(
    'INSERT INTO visits (visit_no, visitor_id, host_employee_no, visit_date, purpose, floor) VALUES (?, ?, ?, ?, ?, ?)',
    [visitNo, visitor.insertId, body.hostEmployeeNo, body.visitDate, body.purpose, hosts[0].floor],
  );

  if (body.plateNo) {
    await db.execute('INSERT INTO parking_prebookings (visit_no, plate_no, visit_date) VALUES (?, ?, ?)', [
      visitNo,
      body.plateNo,
      body.visitDate,
    ]);
    logger.info(`parking pre-booked for ${body.plateNo} on ${body.visitDate} (visit ${visitNo})`);
  }

  // reception sees the last four characters of the document only
  const documentHint = `${body.idType} ${maskDocument(body.idNumber)}`;
  logger.success(`visit ${visitNo} registered for host ${body.hostEmployeeNo}, ${documentHint}`);
  return { visitNo, visitorId: visitor.insertId };
});
