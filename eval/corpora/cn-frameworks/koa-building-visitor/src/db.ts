import knex from 'knex'

export const db = knex({
  client: 'mysql2',
  connection: {
    host: process.env.MYSQL_HOST,
    port: 3306,
    user: process.env.MYSQL_USER,
    password: process.env.MYSQL_PASSWORD,
    database: 'tower_visitor',
    timezone: '+08:00',
  },
  pool: { min: 1, max: 8 },
})

export interface VisitorRow {
  id: number
  name: string
  id_card_no: string | null
  passport_no: string | null
  mobile: string
  tenant_id: number
}
