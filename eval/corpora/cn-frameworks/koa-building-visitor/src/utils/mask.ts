/** 证件号脱敏：保留前 2 位、后 2 位 */
export function maskDoc(value?: string | null): string {
  if (!value) return ''
  if (value.length <= 4) return '****'
  return `${value.slice(0, 2)}${'*'.repeat(value.length - 4)}${value.slice(-2)}`
}
