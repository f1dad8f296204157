import { Body, Controller, Get, Logger, Param, Post } from '@nestjs/common';
import { maskIdNumber, maskMobile } from '../shared/masking';
import { CreateCustomerDto } from './customer.dto';
import { CustomerService } from './customer.service';

@Controller('customers')
export class CustomerController {
  private readonly logger = new Logger(CustomerController.name);

  constructor(private readonly customers: CustomerService) {}

  @Post()
  async create(@Body() dto: CreateCustomerDto): Promise<{ id: string }> {
    this.logger.log(`Registering customer ${dto.name}, ID card ${dto.idCardNo}`);
    const customer = await this.customers.create(dto);
    return { id: customer.id };
  }

  @Get(':id')
  async findOne(@Param('id') id: string): Promise<{ id: string; name: string; mobile: string; idCardNo: string }> {
    const customer = await this.customers.findById(id);
    this.logger.debug(`Loaded customer ${customer.id} (ID ${maskIdNumber(customer.idCardNo)})`);
    return {
      id: customer.id,
      name: customer.name,
      mobile: maskMobile(customer.mobile),
      idCardNo: maskIdNumber(customer.idCardNo),
    };
  }
}
